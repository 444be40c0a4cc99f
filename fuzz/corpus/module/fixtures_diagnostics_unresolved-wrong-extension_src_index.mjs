import "./widget";
