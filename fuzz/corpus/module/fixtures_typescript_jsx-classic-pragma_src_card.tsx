/** @jsx custom */
// A file-level pragma comment wins over jsxFactory.
import { custom, h } from "./dom";

export const card = (title: string) => <section class="card">{title}</section>;
