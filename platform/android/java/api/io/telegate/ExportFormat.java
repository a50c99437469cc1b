package io.telegate;

/** Formats of {@link Telegate#exportUserData}. */
public enum ExportFormat {
  /** A serialized telegate.proto.UserDataExport; {@link UserDataExport#parse} reads it. */
  PROTOBUF,
  /** The same content as one UTF-8 JSON object (README, "User rights"). */
  JSON
}
