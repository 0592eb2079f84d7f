"""The gateway's rules of access: pure, no IO."""
