import "./main.cjs";
