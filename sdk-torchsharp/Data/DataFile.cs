namespace HyperSearch.Trainer.Data;

/// <summary>
/// Refuses a data file that cannot be one before it is opened: a FIFO would block the reader (and a
/// slot, or a silo's spec check) for ever, a device would never end. Both, like an empty file, have
/// no length, and no data set file is empty.
/// </summary>
internal static class DataFile
{
    /// <exception cref="DataSetException">The file exists but is empty, or is a FIFO or device.</exception>
    public static void CheckReadable(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length == 0)
        {
            throw new DataSetException($"{path}: empty, or not a regular file (a FIFO or device)");
        }
    }
}
