using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// The JSON text of the plain values that make up most page data cells (strings, whole numbers, finite doubles,
/// booleans, null) without a JSON writer: a 20,000-run page has hundreds of thousands of cells, and a writer
/// each cost about a third of a second. Newtonsoft's own number formatting and its escaping of strings
/// (<see cref="JsonStringText"/>) make the text, so it is the text its writer writes; anything else is left to
/// the writer.
/// </summary>
internal static class JsonValueText
{
    /// <returns>False for values the writer must format (non-finite numbers, lists, objects, other types).</returns>
    public static bool TryFormat(object? value, StringEscapeHandling escaping, out string text)
    {
        switch (value)
        {
            case null:
                text = "null";
                return true;
            case string s:
                text = JsonStringText.Quote(s, escaping);
                return true;
            case bool b:
                text = b ? "true" : "false";
                return true;
            case long or int or short or byte or sbyte or ushort or uint:
                text = Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                return true;
            case double d when !double.IsNaN(d) && !double.IsInfinity(d):
                text = JsonConvert.ToString(d);
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }
}
