using System.Globalization;
using Newtonsoft.Json;

namespace Wandb.Grouping;

/// <summary>
/// The value a run has for a grouping key. Numbers compare by value (0.1 from one run and 0.10 or
/// 1e-1 from another are one group, and so are 2 and 2.0); text compares ordinally; a missing or null
/// value is a value of its own, so such runs form a visible group instead of vanishing.
/// </summary>
internal sealed class GroupValue : IEquatable<GroupValue>, IComparable<GroupValue>
{
    public static readonly GroupValue Missing = new(GroupValueKind.Missing, 0, null);

    private GroupValue(GroupValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public GroupValueKind Kind { get; }

    public double Number { get; }

    public string? Text { get; }

    public bool IsMissing => Kind == GroupValueKind.Missing;

    /// <summary>What tables and charts show; <c>(none)</c> for a missing value.</summary>
    public string Label => Kind switch
    {
        GroupValueKind.Missing => "(none)",
        GroupValueKind.Number => FormatNumber(Number),
        GroupValueKind.Boolean => Number != 0 ? "true" : "false",
        _ => Text!,
    };

    /// <summary>The value as it goes into JSON: null, a number, a boolean or a string.</summary>
    public object? JsonValue => Kind switch
    {
        GroupValueKind.Missing => null,
        GroupValueKind.Number => Number,
        GroupValueKind.Boolean => Number != 0,
        _ => Text,
    };

    public static GroupValue OfText(string? text) => text is null ? Missing : new GroupValue(GroupValueKind.Text, 0, text);

    /// <summary>Turns a stored config or summary value (null, bool, long, double, string, list, dictionary) into a key.</summary>
    public static GroupValue Of(object? value) => value switch
    {
        null => Missing,
        bool b => new GroupValue(GroupValueKind.Boolean, b ? 1 : 0, null),
        double d => OfNumber(d),
        float f => OfNumber(f),
        long l => OfNumber(l),
        int i => OfNumber(i),
        decimal m => OfNumber((double)m),
        string s => OfText(s),
        _ => OfText(JsonConvert.SerializeObject(value, Formatting.None)),
    };

    public bool Equals(GroupValue? other) =>
        other is not null && Kind == other.Kind && Number.Equals(other.Number) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as GroupValue);

    public override int GetHashCode() => ((int)Kind * 397) ^ Number.GetHashCode() ^ (Text is null ? 0 : StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>Numbers ascending, then booleans, then text (ordinal), and the missing group last.</summary>
    public int CompareTo(GroupValue? other)
    {
        if (other is null)
        {
            return -1;
        }

        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Kind == GroupValueKind.Text ? string.CompareOrdinal(Text, other.Text) : Number.CompareTo(other.Number);
    }

    public override string ToString() => Label;

    private static GroupValue OfNumber(double d) =>
        new(GroupValueKind.Number, d == 0 ? 0 : d, null); // -0.0 and 0.0 are one group

    private static string FormatNumber(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
