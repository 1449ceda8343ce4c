using System.Text;
using HyperSearch.Paths;

namespace HyperSearch.Spec;

/// <summary>
/// Reads a spec file with its size checked while reading, not after: a spec named <c>/dev/zero</c>
/// or a multi-gigabyte file stops at <see cref="SpecLimits.FileBytes"/>, and a FIFO or device is
/// refused before it is opened (opening a FIFO blocks until something writes to it).
/// </summary>
public static class SpecFile
{
    /// <summary>The key spec errors about the file itself are reported under.</summary>
    public const string Key = "SPEC";

    /// <summary>The file's text; a <see cref="SpecException"/> (one line) when it cannot be a spec.</summary>
    public static string ReadText(string path)
    {
        var fullPath = Path.GetFullPath(path);
        switch (FileKinds.Of(fullPath))
        {
            case FileKind.Missing:
                throw Error($"file not found: {fullPath}");
            case FileKind.Directory:
                throw Error($"{fullPath} is a directory, not a spec file");
            case FileKind.Special:
                throw Error($"{fullPath} is not a regular file (a FIFO, socket or device); a spec must be a file");
        }

        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var bytes = new byte[SpecLimits.FileBytes + 1];
            var read = 0;
            int got;
            while (read < bytes.Length && (got = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += got;
            }

            if (read > SpecLimits.FileBytes)
            {
                throw Error($"{fullPath} is larger than {SpecLimits.FileBytes} bytes: a spec is a page of YAML");
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes, 0, read).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error($"file not found: {fullPath}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error($"cannot read {fullPath}: {e.Message}");
        }
    }

    private static SpecException Error(string message) => new(SpecError.Bounded(Key, message));
}
