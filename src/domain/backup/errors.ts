import { DomainError } from '../errors.js';

/**
 * Why a backup or a restore was refused. Every refusal happens before anything is written (or
 * inside the one load transaction, which is then rolled back), so the code names the reason and
 * the target is as it was.
 */
export type BackupErrorCode =
  | 'BACKUP_FILE_UNREADABLE'
  | 'BACKUP_OUT_EXISTS'
  | 'BACKUP_OUT_UNWRITABLE'
  | 'BACKUP_NOT_A_BACKUP'
  | 'BACKUP_FORMAT_UNSUPPORTED'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_TRUNCATED'
  | 'BACKUP_HASH_MISMATCH'
  | 'BACKUP_SCHEMA_NEWER'
  | 'BACKUP_SCHEMA_MISMATCH'
  | 'BACKUP_TARGET_NOT_EMPTY'
  | 'BACKUP_TARGET_NEWER'
  | 'BACKUP_VERIFY_FAILED'
  | 'BACKUP_AUDIT_CHAIN_MISMATCH'
  | 'BACKUP_SOURCE_NOT_MIGRATED'
  | 'BACKUP_UNKNOWN_TABLE';

export class BackupRefused extends DomainError {
  readonly code: BackupErrorCode;
  readonly status = 422;
  constructor(code: BackupErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, details === undefined ? {} : { details });
    this.code = code;
  }
}
