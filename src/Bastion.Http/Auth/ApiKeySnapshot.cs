namespace Bastion.Http.Auth;

/// <summary>The keys by id as read from keys.json, and the file's modification time and length then (length -1: there was no file).</summary>
internal sealed record ApiKeySnapshot(IReadOnlyDictionary<string, StoredApiKey> Keys, (DateTime Time, long Length) Stamp)
{
    public static ApiKeySnapshot Missing { get; } = new(new Dictionary<string, StoredApiKey>(StringComparer.Ordinal), (DateTime.MinValue, -1));
}
