import { describe, expect, it } from 'vitest';
import * as dns from './index.js';

describe('dns domain entry point', () => {
  it('exports the API the use cases need', () => {
    for (const name of [
      'validateRecord', 'recordTypeLabel', 'verifyRecordSet', 'verifyRecordSets', 'checkDeletion', 'urlForwardPair',
      'partnerOf', 'toWireRecords', 'redPageRecords', 'renderMasterFile', 'masterFileLines', 'nextSerial',
      'serialGreaterThan', 'diffZones', 'sortCanonical',
    ]) {
      expect(dns, name).toHaveProperty(name);
    }
  });
});
