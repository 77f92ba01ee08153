using Microsoft.ML;
using Microsoft.ML.Data;

namespace Wandb.MLNet.Tests.Infrastructure;

/// <summary>Small deterministic data sets for every catalog: y depends on the first two features plus noise.</summary>
internal static class SyntheticData
{
    public const int FeatureCount = 4;

    public static IDataView Load(MLContext ml, int rows = 300, int seed = 1) => ml.Data.LoadFromEnumerable(Rows(rows, seed));

    public static List<Example> Rows(int rows, int seed)
    {
        var random = new Random(seed);
        var result = new List<Example>(rows);
        for (var i = 0; i < rows; i++)
        {
            var features = new float[FeatureCount];
            for (var j = 0; j < FeatureCount; j++)
            {
                features[j] = (float)random.NextDouble();
            }

            var y = features[0] + features[1] + (0.3 * (random.NextDouble() - 0.5));
            result.Add(new Example
            {
                Features = features,
                Label = y > 1,
                Value = (float)y,
                Class = y < 0.7 ? "low" : y < 1.3 ? "mid" : "high",
                Relevance = (float)Math.Max(0, Math.Min(4, Math.Floor(y * 2))),
                Query = (uint)(i / 10),
            });
        }

        return result;
    }

    internal sealed class Example
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public bool Label { get; set; }

        public float Value { get; set; }

        public string Class { get; set; } = string.Empty;

        public float Relevance { get; set; }

        public uint Query { get; set; }
    }
}
