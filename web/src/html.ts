import { h } from 'preact';
import htm from 'htm';

/** JSX-like templates without a compile step: the dashboard builds with plain Vite. */
export const html = htm.bind(h);
