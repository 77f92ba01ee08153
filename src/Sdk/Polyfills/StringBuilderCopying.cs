using System.Text;

namespace Wandb.Polyfills;

/// <summary>
/// The characters of a <see cref="StringBuilder"/> in a reused array, to encode them without a string: .NET Standard 2.0
/// has no span access to a builder's chunks (<c>GetChunks</c>, <c>CopyTo(Span)</c>), so they are copied out.
/// </summary>
internal static class StringBuilderCopying
{
    /// <summary>Copies the first <paramref name="length"/> characters into <paramref name="buffer"/>, growing it (at least doubled) when too short.</summary>
    public static void CopyChars(this StringBuilder text, int length, ref char[] buffer)
    {
        if (buffer.Length < length)
        {
            buffer = new char[Math.Max(length, buffer.Length * 2)];
        }

        text.CopyTo(0, buffer, 0, length);
    }
}
