// The remote on its own: renders its widget so it can be developed without a host.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./standalone.css";
import Widget from "./Widget";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <h1>Remote (standalone)</h1>
    <Widget />
  </StrictMode>,
);
