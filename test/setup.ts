import { afterAll } from 'vitest';
import { removeTemporaryFolders } from './helpers.js';

afterAll(removeTemporaryFolders);
