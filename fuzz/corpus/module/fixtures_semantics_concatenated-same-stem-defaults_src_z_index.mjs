export default () => "z";
