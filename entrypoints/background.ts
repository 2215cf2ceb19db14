export default defineBackground(() => {
  // Listeners are registered in main() synchronously; see lib/ for the engine.
});
