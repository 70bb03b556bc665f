import { render } from 'preact';
import { html } from './html.ts';
import { App } from './app.ts';

render(html`<${App} />`, document.getElementById('app')!);
