namespace Bastion.Core.Linux;

/// <summary>From <c>/proc/cpuinfo</c>.</summary>
/// <param name="Model">CPU model name (<c>model name</c> on x86, <c>Model</c>/<c>Hardware</c>/<c>cpu model</c> on ARM and MIPS, the
/// <c>CPU implementer</c>/<c>CPU part</c> pair otherwise); null when the kernel gives none.</param>
/// <param name="LogicalCpus">Number of <c>processor</c> entries.</param>
/// <param name="Sockets">Distinct <c>physical id</c> values; null when the kernel does not report them.</param>
public sealed record CpuInfo(string? Model, int LogicalCpus, int? Sockets)
{
    private const string Source = "/proc/cpuinfo";
    private static readonly string[] ModelKeys = ["model name", "Model", "cpu model", "Hardware", "cpu"];

    /// <exception cref="FormatException">Empty text or no <c>processor</c> entry.</exception>
    public static CpuInfo Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var processors = 0;
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "processor")
            {
                processors++;
            }
            else if (key == "physical id")
            {
                sockets.Add(value);
            }

            first.TryAdd(key, value);
        }

        if (processors == 0)
        {
            throw new FormatException($"{Source}: no 'processor' entry.");
        }

        var model = ModelKeys.Select(first.GetValueOrDefault).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (model is null && first.TryGetValue("CPU implementer", out var implementer) && first.TryGetValue("CPU part", out var part))
        {
            model = $"ARM implementer {implementer} part {part}";
        }

        return new CpuInfo(model, processors, sockets.Count > 0 ? sockets.Count : null);
    }
}
