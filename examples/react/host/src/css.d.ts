// Stylesheets, as the host's code imports them (for editors and `tsc`). The remote's
// modules are typed by its own published types: `mfbundle types` fetches them into
// @mf-types/remote/, which tsconfig.json's "paths" maps `remote/*` to.
declare module "*.module.css" {
  const classes: { readonly [name: string]: string };
  export default classes;
}
declare module "*.css";
