using System.Security.Cryptography;

namespace Wandb;

/// <summary>Creates and checks run ids, with the same shape as W&amp;B's <c>generate_id</c>.</summary>
public static class RunId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The longest run id accepted, so an id always fits in a file name and a URL segment.</summary>
    public const int MaxLength = 64;

    /// <summary>Returns 8 characters of <c>[a-z0-9]</c> drawn from a cryptographic random source.</summary>
    public static string Generate() => Generate(8);

    /// <summary>Returns <paramref name="length"/> characters of <c>[a-z0-9]</c> from a cryptographic random source.</summary>
    public static string Generate(int length)
    {
        if (length < 1 || length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A run id has between 1 and {MaxLength} characters.");
        }

        var chars = new char[length];
        var bytes = new byte[1];
        using var random = RandomNumberGenerator.Create();
        for (var i = 0; i < length; i++)
        {
            // Rejection sampling keeps every character equally likely: 252 is the largest multiple of 36 below 256.
            do
            {
                random.GetBytes(bytes);
            }
            while (bytes[0] >= 252);
            chars[i] = Alphabet[bytes[0] % Alphabet.Length];
        }

        return new string(chars);
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the offending character when <paramref name="id"/>
    /// cannot be used as a run id. Ids may contain letters, digits, '-', '_' and '.', because they become
    /// folder names and URL segments.
    /// </summary>
    public static string Validate(string? id, string parameterName = "id")
    {
        if (!TryValidate(id, out var problem))
        {
            throw new ArgumentException(problem, parameterName);
        }

        return id!;
    }

    /// <summary>Whether a run id may hold the character: an ASCII letter or digit, '-', '_' or '.'.</summary>
    internal static bool IsIdCharacter(int c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';

    /// <summary>Returns whether <paramref name="id"/> is a usable run id, and why not when it is not.</summary>
    public static bool TryValidate(string? id, out string problem)
    {
        if (string.IsNullOrEmpty(id))
        {
            problem = "A run id must not be empty.";
            return false;
        }

        if (id!.Length > MaxLength)
        {
            problem = $"Run id '{id}' has {id.Length} characters; at most {MaxLength} are allowed.";
            return false;
        }

        if (id == "." || id == "..")
        {
            problem = $"Run id '{id}' is not allowed because it names a folder.";
            return false;
        }

        foreach (var c in id)
        {
            if (!IsIdCharacter(c))
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                problem = $"Run id '{id}' contains {shown}, which cannot be part of a file name or URL. Use letters, digits, '-', '_' or '.'.";
                return false;
            }
        }

        problem = string.Empty;
        return true;
    }
}
