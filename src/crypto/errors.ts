/**
 * What can go wrong with sealed personal data. None of these is the caller's fault: they mean a
 * missing or wrong key, or a value changed in the database, so they surface as 500s (and in the
 * log) rather than as garbage.
 */
export class PersonalDataCryptoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The envelope is not `sm4:<id>:<base64url>` with an IV, at least one block and a MAC. */
export class SealedValueMalformed extends PersonalDataCryptoError {
  constructor() {
    super('SEALED_VALUE_MALFORMED', '个人信息密文格式不正确 (sealed personal data is malformed)');
  }
}

/** The MAC does not match: the value (or its key id, or where it is stored) was changed, or the key is wrong. */
export class SealedValueTampered extends PersonalDataCryptoError {
  constructor(keyId: number) {
    super('SEALED_VALUE_TAMPERED', `个人信息密文校验失败：数据被改动或密钥 ${keyId} 不正确 (sealed personal data failed its HMAC-SM3 check)`);
  }
}

/** The value was sealed with a key version the keyring does not hold. */
export class UnknownKeyVersion extends PersonalDataCryptoError {
  constructor(readonly keyId: number) {
    super('PERSONAL_DATA_KEY_UNKNOWN', `没有版本 ${keyId} 的个人信息密钥：请检查 PERSONAL_DATA_KEY_FILE / PERSONAL_DATA_KEYS (no personal-data key version ${keyId})`);
  }
}

/** No keyring was loaded in this process, yet personal data was read or written. */
export class PersonalDataKeysMissing extends PersonalDataCryptoError {
  constructor() {
    super('PERSONAL_DATA_KEYS_MISSING', '未加载个人信息密钥：请配置 PERSONAL_DATA_KEY_FILE 或 PERSONAL_DATA_KEYS (no personal-data keys loaded)');
  }
}

/** A key file or PERSONAL_DATA_KEYS value that cannot be used. */
export class KeyMaterialInvalid extends PersonalDataCryptoError {
  constructor(where: string, why: string) {
    super('PERSONAL_DATA_KEYS_INVALID', `个人信息密钥不可用 (${where})：${why}`);
  }
}

/**
 * A clear value where a sealed one belongs, read after the start-up pass sealed every clear value:
 * someone with write access put it there behind the application's back (or swapped a ciphertext
 * for a value of their choosing). Refused rather than shown.
 */
export class ClearPersonalDataRefused extends PersonalDataCryptoError {
  constructor(purpose: string) {
    super('PERSONAL_DATA_NOT_SEALED', `个人信息未加密存储 (${purpose})：数据库中的值未经本系统写入 (a clear value where sealed personal data belongs)`);
  }
}
