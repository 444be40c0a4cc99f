export default "ok: the widget of the healthy remote";
