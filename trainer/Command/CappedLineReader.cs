using System.Globalization;
using System.Text;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// Reads a child process's output line by line, keeping at most <see cref="MaxLineBytes"/> of each
/// line and counting the rest, which is read and thrown away: a script that prints a 100 MB line
/// (a tensor dumped by mistake) costs the host a bounded buffer, not a 100 MB string, and the lines
/// after it (the final report) still arrive. Every line is cleaned by <see cref="TerminalText"/>.
/// </summary>
public sealed class CappedLineReader(Stream stream)
{
    /// <summary>Far above any report line; a longer line is log output nobody reads whole.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its end of line, null at the end of the stream.</summary>
    public string? ReadLine()
    {
        _line.SetLength(0);
        long dropped = 0;
        var sawAny = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = stream.Read(_buffer, 0, _buffer.Length);
                if (_end == 0)
                {
                    return sawAny ? Finish(dropped) : null;
                }
            }

            sawAny = true;
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            var keep = (int)Math.Min(stop - _start, MaxLineBytes - _line.Length);
            _line.Write(_buffer, _start, keep);
            dropped += stop - _start - keep;
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return Finish(dropped);
            }
        }
    }

    private string Finish(long dropped)
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (dropped == 0 && bytes.Length > 0 && bytes[^1] == '\r')
        {
            bytes = bytes[..^1];
        }

        var text = TerminalText.Clean(Encoding.UTF8.GetString(bytes));
        return dropped == 0 ? text : $"{text} [{dropped.ToString(CultureInfo.InvariantCulture)} more bytes of this line dropped]";
    }
}
