import "./styled.css";
export default "styled chunk of the host";
