// ContractSource over in-memory files: for tests, benchmarks and editors that hold unsaved text.
import { ContractFileMissing, isContractFile, type ContractSource } from './source.js';

export function memorySource(files: Readonly<Record<string, string>>, label = 'memory'): ContractSource {
  return {
    label,
    async list() {
      return Object.keys(files).filter(isContractFile).sort();
    },
    async read(relativePath) {
      const text = files[relativePath];
      if (text === undefined || !Object.prototype.hasOwnProperty.call(files, relativePath))
        throw new ContractFileMissing(relativePath, `${relativePath} does not exist`);
      return text;
    },
    displayPath(relativePath) {
      return relativePath;
    },
  };
}
