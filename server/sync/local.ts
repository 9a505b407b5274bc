/** The bus of a single instance: nobody else to tell. */
import type { Bus } from './bus';

export function localBus(): Bus {
	return {
		kind: 'local',
		publish() {},
		subscribe: () => () => {},
		onResync() {},
		reportConnected() {},
		connectedElsewhere: async () => 0,
		async ping() {},
		async close() {}
	};
}
