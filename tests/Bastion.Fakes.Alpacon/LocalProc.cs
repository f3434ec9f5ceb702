using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>What the fake's "agent" reports under /api/proc/: read from this machine, so the figures are real.</summary>
public static class LocalProc
{
    public static JsonObject Info() => new()
    {
        ["hostname"] = Environment.MachineName,
        ["kernel"] = Read("/proc/sys/kernel/osrelease").Trim(),
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        ["cpu_cores"] = Environment.ProcessorCount,
        ["cpu_model"] = Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim(),
        ["physical_memory"] = MemTotalBytes(),
        ["uptime"] = Uptime(),
    };

    public static JsonObject Os()
    {
        var fields = Read("/etc/os-release").Split('\n')
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
        return new JsonObject
        {
            ["name"] = fields.GetValueOrDefault("NAME"),
            ["version"] = fields.GetValueOrDefault("VERSION"),
            ["version_id"] = fields.GetValueOrDefault("VERSION_ID"),
            ["version_codename"] = fields.GetValueOrDefault("VERSION_CODENAME"),
            ["id"] = fields.GetValueOrDefault("ID"),
        };
    }

    public static List<JsonNode> Users() => [.. Read("/etc/passwd").Split('\n').Select(l => l.Split(':')).Where(f => f.Length >= 7).Select(f => (JsonNode)new JsonObject
    {
        ["username"] = f[0],
        ["uid"] = int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
        ["gid"] = int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture),
        ["home"] = f[5],
        ["shell"] = f[6],
        ["login_enabled"] = !f[6].EndsWith("nologin", StringComparison.Ordinal) && !f[6].EndsWith("/false", StringComparison.Ordinal),
    })];

    public static List<JsonNode> Groups() => [.. Read("/etc/group").Split('\n').Select(l => l.Split(':')).Where(f => f.Length >= 4).Select(f => (JsonNode)new JsonObject
    {
        ["groupname"] = f[0],
        ["gid"] = int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
        ["members"] = new JsonArray([.. f[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(m => (JsonNode)m)]),
    })];

    public static List<JsonNode> Packages()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dpkg-query", ["-W", "-f", "${Package}\t${Version}\t${Architecture}\n"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return [.. text.Split('\n').Select(l => l.Split('\t')).Where(f => f.Length == 3).Select(f => (JsonNode)new JsonObject { ["name"] = f[0], ["version"] = f[1], ["arch"] = f[2] })];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }

    public static List<JsonNode> Interfaces() => [.. Directory.GetDirectories("/sys/class/net").Select(d => (JsonNode)new JsonObject
    {
        ["name"] = Path.GetFileName(d),
        ["mac"] = Read(Path.Combine(d, "address")).Trim(),
        ["mtu"] = int.TryParse(Read(Path.Combine(d, "mtu")).Trim(), out var mtu) ? mtu : null,
        ["is_up"] = Read(Path.Combine(d, "operstate")).Trim() is "up" or "unknown",
    })];

    public static List<JsonNode> Disks() => [.. Directory.GetDirectories("/sys/block").Select(d => (JsonNode)new JsonObject
    {
        ["name"] = Path.GetFileName(d),
        ["size_bytes"] = long.TryParse(Read(Path.Combine(d, "size")).Trim(), out var sectors) ? sectors * 512 : null,
    })];

    public static List<JsonNode> Partitions() => [.. Read("/proc/mounts").Split('\n').Select(l => l.Split(' ')).Where(f => f.Length >= 3 && f[0].StartsWith('/')).Select(f => (JsonNode)new JsonObject
    {
        ["device"] = f[0],
        ["mount_point"] = f[1],
        ["fs_type"] = f[2],
    })];

    public static JsonObject Time() => new()
    {
        ["datetime"] = FakeJson.Time(DateTimeOffset.UtcNow),
        ["timezone"] = File.Exists("/etc/timezone") ? Read("/etc/timezone").Trim() : "UTC",
        ["uptime"] = Uptime(),
    };

    private static double Uptime() =>
        double.TryParse(Read("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var u) ? u : 0;

    private static long? MemTotalBytes() =>
        Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
        && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb) ? kb * 1024 : null;

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
