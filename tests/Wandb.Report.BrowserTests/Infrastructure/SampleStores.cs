namespace Wandb.Report.BrowserTests.Infrastructure;

/// <summary>The stores the tests open: a small grouped experiment, and one with script payloads in every field.</summary>
public static class SampleStores
{
    public static readonly string[] Groups = { "baseline", "wide-trees", "deep-trees" };

    /// <summary>3 groups x 4 runs; learning_rate 0.1 or 0.05 across groups; loss and accuracy over 20 steps.</summary>
    public static ReportStore Experiment(string name)
    {
        var store = ReportStore.Create(name);
        for (var g = 0; g < Groups.Length; g++)
        {
            for (var i = 0; i < 4; i++)
            {
                var quality = 0.6 + (0.1 * g) + (0.02 * i);
                var lr = i % 2 == 0 ? 0.1 : 0.05;
                store.AddRun(new RunSpec
                {
                    Name = $"{Groups[g]}-fold-{i}",
                    Group = Groups[g],
                    JobType = i == 3 ? "eval" : "train",
                    Tags = i == 0 ? new[] { "first" } : Array.Empty<string>(),
                    Config = new Dictionary<string, object?>
                    {
                        ["learning_rate"] = lr,
                        ["num_trees"] = 100 * (g + 1),
                        ["optimizer"] = new Dictionary<string, object?> { ["name"] = g == 0 ? "sgd" : "adam" },
                    },
                    Metrics = new Dictionary<string, Func<int, double>>
                    {
                        ["loss"] = step => (1.0 / (1 + (quality * step))) + (0.01 * i),
                        ["accuracy"] = step => quality * (1 - Math.Exp(-0.2 * (step + 1))),
                    },
                    Failed = g == 2 && i == 3,
                });
            }
        }

        store.WriteReport();
        return store;
    }

    /// <summary>Markup and script payloads in every user field: names, groups, job types, config keys and values, tags, notes, metric names.</summary>
    public static ReportStore Hostile(string name, IReadOnlyList<string> payloads)
    {
        var store = ReportStore.Create(name);
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            for (var copy = 0; copy < 2; copy++)
            {
                store.AddRun(new RunSpec
                {
                    Project = copy == 0 ? "churn" : payload,
                    Name = payload,
                    Group = payload,
                    JobType = payload,
                    Notes = payload,
                    Tags = new[] { payload },
                    Config = new Dictionary<string, object?> { [payload] = payload, ["nested"] = new Dictionary<string, object?> { [payload] = i } },
                    Metrics = new Dictionary<string, Func<int, double>>
                    {
                        ["loss" + i + payload] = step => 1.0 / (step + 1 + copy),
                    },
                    Steps = 5,
                });
            }
        }

        store.WriteReport();
        return store;
    }

    /// <summary>
    /// Two runs per name, where every user-named thing is one of <paramref name="names"/>: run name, group,
    /// job type (the next name), tag (the one after), one config key (its own name) holding a name as its
    /// value (three on), and two metrics (its own name and the next), so each chart has two groups' runs and
    /// most runs lack most config keys and metrics. Keys the SDK refuses ('_' first) are logged under
    /// stand-in names and renamed in the store's files.
    /// </summary>
    public static ReportStore PrototypeNames(string name, IReadOnlyList<string> names)
    {
        var store = ReportStore.Create(name);
        var standIns = new Dictionary<string, string>();
        string Key(int i)
        {
            var key = names[i % names.Count];
            if (!key.StartsWith('_'))
            {
                return key;
            }

            var standIn = "stand-in-key-" + (i % names.Count);
            standIns[standIn] = key;
            return standIn;
        }

        for (var i = 0; i < names.Count; i++)
        {
            for (var copy = 0; copy < 2; copy++)
            {
                var offset = copy;
                store.AddRun(new RunSpec
                {
                    Name = names[i],
                    Group = names[i],
                    JobType = names[(i + 1) % names.Count],
                    Tags = new[] { names[(i + 2) % names.Count] },
                    Config = new Dictionary<string, object?> { [Key(i)] = names[(i + 3) % names.Count] },
                    Metrics = new Dictionary<string, Func<int, double>>
                    {
                        [Key(i)] = step => 1.0 / (step + 1 + offset),
                        [Key(i + 1)] = step => step + offset,
                    },
                    Steps = 5,
                });
            }
        }

        store.RenameInRunFiles(standIns);
        store.WriteReport();
        return store;
    }
}
