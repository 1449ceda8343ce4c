using Microsoft.Win32.SafeHandles;

namespace HyperSearch.Paths;

/// <summary>
/// Writes a file of the artifact store whole and never through a link: the bytes go to a new file of
/// a random name, created exclusively (which fails on any existing name, a planted link included)
/// and checked on its handle, then renamed over the target (a rename replaces a link, it does not
/// follow it). A directory of the silo's own making that turns out to be a link is refused.
/// </summary>
public static class ArtifactFile
{
    /// <exception cref="IOException">The directory is a link, the target a directory or special file, or the write failed.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new IOException($"{full} has no directory");
        Directory.CreateDirectory(directory);
        if (FileKinds.Of(directory, followLinks: false) != FileKind.Directory)
        {
            throw new IOException($"{directory} is a symbolic link or not a directory: refusing to write {Path.GetFileName(full)} there");
        }

        if (FileKinds.Of(full, followLinks: false) is FileKind.Directory or FileKind.Special)
        {
            throw new IOException($"{full} is a directory or special file: refusing to replace it");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Check(stream.SafeFileHandle, temporary);
                stream.Write(bytes);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void Check(SafeFileHandle handle, string path)
    {
        if (!FileKinds.IsRegularFileAt(handle, path))
        {
            throw new IOException($"{path} was replaced while it was opened: refusing to write through it");
        }
    }
}
