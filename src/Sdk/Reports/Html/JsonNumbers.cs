using System.Globalization;
using Newtonsoft.Json;

namespace Wandb.Reports.Html;

/// <summary>Short number literals: curve points dominate the page's size, and six significant digits are more than a chart can show.</summary>
internal static class JsonNumbers
{
    public static void Write(JsonWriter json, double value, string format)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            json.WriteNull();
            return;
        }

        var text = value.ToString(format, CultureInfo.InvariantCulture);
        if (format.StartsWith("F", StringComparison.Ordinal) && text.IndexOf('.') >= 0)
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        json.WriteRawValue(text == "-0" ? "0" : text);
    }
}
