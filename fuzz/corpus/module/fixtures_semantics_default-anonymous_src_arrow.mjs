export default () => "arrow";
