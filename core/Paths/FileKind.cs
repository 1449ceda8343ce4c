namespace HyperSearch.Paths;

/// <summary>What a path names, as the file system says before anything opens it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device: opening one may block for ever or never reach an end.</summary>
    Special,
}
