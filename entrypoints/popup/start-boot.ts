/**
 * Starts the popup's reads as this module is evaluated. entrypoints/popup-boot.ts imports it before anything
 * else, so in the one bundled script the reads are under way before the view's modules (Preact, the components,
 * the string tables) are evaluated, rather than after.
 */
import { publishBoot } from './boot';

publishBoot();
