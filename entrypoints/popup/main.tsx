import { render } from 'preact';

render(<main>Telltale</main>, document.getElementById('app')!);
