using System.Text;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// Text a script wrote, made safe to show: its output reaches terminals (failure notes in
/// <c>hypersearch status</c>, logs) and pages (the explorer), where an escape sequence could move the
/// cursor, retitle the window, hide text or forge a link. Escape sequences (CSI, OSC, and the other
/// ESC-introduced ones) are removed whole; any other control character (C0 but tab, DEL, C1) is dropped.
/// </summary>
public static class TerminalText
{
    private const char Escape = '\u001b';
    private const char Bell = '\u0007';

    public static string Clean(string text)
    {
        if (!text.Any(IsControl))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Escape)
            {
                i = EndOfEscape(text, i);
            }
            else if (c == '\u009b')
            {
                i = EndOfCsi(text, i + 1); // the C1 form of ESC [
            }
            else if (c == '\u009d')
            {
                i = EndOfString(text, i + 1); // the C1 form of ESC ]
            }
            else if (!IsControl(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static bool IsControl(char c) => c != '\t' && (c < ' ' || c is >= '\u007f' and <= '\u009f');

    /// <summary>The index of the last character of the sequence that starts with ESC at <paramref name="at"/>.</summary>
    private static int EndOfEscape(string text, int at)
    {
        if (at + 1 >= text.Length)
        {
            return at;
        }

        return text[at + 1] switch
        {
            '[' => EndOfCsi(text, at + 2),
            ']' or 'P' or 'X' or '^' or '_' => EndOfString(text, at + 2), // OSC, DCS, SOS, PM, APC
            // ESC, intermediate bytes (0x20-0x2f), one final byte.
            _ => EndOfIntermediates(text, at + 1),
        };
    }

    /// <summary>Parameters and intermediates (0x20-0x3f) up to a final byte (0x40-0x7e).</summary>
    private static int EndOfCsi(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] is >= ' ' and <= '?')
        {
            i++;
        }

        return Math.Min(i, text.Length - 1);
    }

    /// <summary>A control string runs to BEL or ST (ESC \ or 0x9c).</summary>
    private static int EndOfString(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is Bell or '\u009c')
            {
                return i;
            }

            if (text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')
            {
                return i + 1;
            }
        }

        return text.Length - 1;
    }

    private static int EndOfIntermediates(string text, int from)
    {
        var i = from;
        while (i < text.Length - 1 && text[i] is >= ' ' and <= '/')
        {
            i++;
        }

        return i;
    }
}
