namespace Bastion.Ssh;

/// <summary>Turns what ssh printed when it could not open a session into the reason a person needs.</summary>
internal static class SshFailure
{
    /// <summary>The reason, from ssh's stderr; <paramref name="host"/> is the inventory name.</summary>
    public static string Describe(string host, string endpoint, string stderr)
    {
        var text = stderr.Trim();
        if (text.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal))
        {
            return $"SECURITY: the host key of '{host}' ({endpoint}) has CHANGED since Bastion recorded it. This is what a man-in-the-middle " +
                "attack looks like; it also happens when the host was reinstalled. Bastion refuses to connect. If the change is expected, " +
                $"check the new key's fingerprint out of band, then run `bastion hosts forget-key {host}` and `bastion hosts test {host}`.";
        }

        if (text.Contains("host key is known", StringComparison.Ordinal) || text.Contains("Host key verification failed", StringComparison.Ordinal))
        {
            return $"the host key of '{host}' ({endpoint}) is not yet known to Bastion, so it refuses to connect. " +
                $"Run `bastion hosts test {host}` to see the key's fingerprint and record it.";
        }

        if (text.Contains("Permission denied", StringComparison.Ordinal))
        {
            return $"SSH authentication to {endpoint} failed ({LastLine(text)}). Check the host's user and identity file, or the ssh agent.";
        }

        return text.Length == 0 ? $"ssh could not open a session to {endpoint} (no message)." : $"cannot connect to {endpoint}: {LastLine(text)}";
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text;
}
