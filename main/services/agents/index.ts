/** The agents of the desk: the name each gives on this desk (until staff accounts exist). */
export { agentName, agentNames, setAgentName } from './agent-name.js';
