using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Bastion.Core.Linux;

/// <summary>A block device or partition.</summary>
public sealed record BlockDevice(
    [property: Description("Kernel name, e.g. sda, nvme0n1p1, dm-0 (lsblk's NAME, e.g. vg0-root for device-mapper).")] string Name,
    [property: Description("Name of the device this one sits on (a partition's disk); null for whole disks.")] string? Parent,
    [property: Description("disk, part, lvm, crypt, rom, loop, raid1, …; null from /proc/partitions.")] string? Type,
    [property: Description("Size in bytes.")] long SizeBytes,
    [property: Description("File system on it, e.g. ext4, xfs, swap; null when none or unknown.")] string? FsType,
    [property: Description("Where it is mounted; null when it is not.")] string? MountPoint,
    [property: Description("Device model; null when unknown.")] string? Model,
    [property: Description("True for read-only devices; null when unknown.")] bool? ReadOnly,
    [property: Description("True for removable media; null when unknown.")] bool? Removable)
{
    /// <summary>The <c>lsblk</c> arguments whose output <see cref="ParseLsblk"/> reads.</summary>
    public const string LsblkArguments = "-J -b -o NAME,TYPE,SIZE,FSTYPE,MOUNTPOINT,MODEL,RO,RM";

    /// <summary>
    /// Parses <c>lsblk <see cref="LsblkArguments"/></c> JSON, flattening children into rows with a parent.
    /// Old lsblk versions print numbers and flags as strings; both forms are read.
    /// </summary>
    /// <exception cref="FormatException">Not JSON, or no <c>blockdevices</c> array.</exception>
    public static IReadOnlyList<BlockDevice> ParseLsblk(string json)
    {
        ParseText.RequireText(json, "lsblk -J");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"lsblk -J: the output is not JSON ({e.Message}).", e);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("blockdevices", out var devices) || devices.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("lsblk -J: no 'blockdevices' array.");
            }

            var result = new List<BlockDevice>();
            Flatten(devices, null, result);
            return result;
        }
    }

    /// <summary>Parses <c>/proc/partitions</c> (<c>major minor #blocks name</c>; blocks of 1 KiB), the fallback where lsblk is missing.</summary>
    /// <exception cref="FormatException">Empty text or a line whose numbers do not parse.</exception>
    public static IReadOnlyList<BlockDevice> ParseProcPartitions(string text)
    {
        ParseText.RequireText(text, "/proc/partitions");
        var result = new List<BlockDevice>();
        foreach (var line in ParseText.Lines(text))
        {
            var f = ParseText.Fields(line);
            if (f.Length < 4 || f[0] == "major")
            {
                continue;
            }

            result.Add(new BlockDevice(f[3], null, null, ParseText.Long(f[2], "/proc/partitions", "#blocks") * 1024, null, null, null, null, null));
        }

        return result;
    }

    private static void Flatten(JsonElement devices, string? parent, List<BlockDevice> result)
    {
        foreach (var d in devices.EnumerateArray())
        {
            var name = Text(d, "name") ?? throw new FormatException("lsblk -J: a device without a name.");
            result.Add(new BlockDevice(
                name,
                parent,
                Text(d, "type"),
                Number(d, "size") ?? 0,
                Text(d, "fstype"),
                Text(d, "mountpoint"),
                Text(d, "model")?.Trim(),
                Flag(d, "ro"),
                Flag(d, "rm")));
            if (d.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                Flatten(children, name, result);
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static long? Number(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetInt64()
        : v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : null;

    private static bool? Flag(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : v.ValueKind == JsonValueKind.String ? v.GetString() == "1"
        : v.ValueKind == JsonValueKind.Number ? v.GetInt32() != 0
        : null;
}
