namespace Wandb.TestLogger.Reporting;

/// <summary>Splits <c>name=value;name=value</c>, the syntax of vstest's logger parameters, for the MTP option.</summary>
internal static class ParameterText
{
    public static IEnumerable<KeyValuePair<string, string?>> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        foreach (var part in text!.Split(';'))
        {
            if (part.Trim().Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            yield return equals < 0
                ? new KeyValuePair<string, string?>(part.Trim(), null)
                : new KeyValuePair<string, string?>(part.Substring(0, equals).Trim(), part.Substring(equals + 1).Trim());
        }
    }
}
