import { createReaderManager } from '@authenkit/thai-idcard';
import { createVirtualReaderBackend } from '@authenkit/thai-idcard/virtual';
import { defineReadSuite } from './helpers/suite.js';

defineReadSuite(
  'in-process virtual backend',
  async () => {
    const readers = ['Virtual Reader A', 'Virtual Reader B'];
    const v = createVirtualReaderBackend(readers);
    const manager = createReaderManager({ backend: v.backend, recovery: { initialDelayMs: 5 } });
    return {
      manager,
      readers,
      insert: async (reader, card) => v.insert(reader, card),
      remove: async (reader) => v.remove(reader),
      restartService: async () => v.failService(),
      dispose: () => manager.close(),
    };
  },
  { pullWithExtras: true },
);
