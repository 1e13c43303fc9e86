namespace SlackOigSync.Storage;

/// <summary>What is wrong with the SQLite file, as far as an operator needs to know to fix it.</summary>
public enum StorageFault
{
    Locked,
    ReadOnly,
    Corrupt,
    Full,
    CannotOpen,
    IoError,
    IsDirectory,
    CannotCreate,
    SchemaTooNew,
    Other,
}
