// The remote's exposed module, as the host sees it (types are not checked by mfbundle;
// this is for editors and `tsc`).
declare module "remote/Widget" {
  import type { ComponentType } from "react";
  const Widget: ComponentType;
  export default Widget;
}
declare module "*.module.css" {
  const classes: { readonly [name: string]: string };
  export default classes;
}
declare module "*.css";
