using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Accounts;

/// <summary>Reads users and groups (NSS, so LDAP and SSSD accounts count where <c>getent</c> exists).</summary>
public static class AccountsCollector
{
    private static readonly HashSet<string> SudoGroups = ["sudo", "wheel", "admin"];
    private static readonly HashSet<string> NoLoginShells = ["nologin", "false", "sync", "halt", "shutdown"];

    private static readonly string Script = new ScriptSections()
        .Add("passwd", "getent passwd || cat /etc/passwd")
        .Add("group", "getent group || cat /etc/group")
        .ToString();

    /// <summary>Users whose name contains <paramref name="filter"/> (case-insensitive; null: all), by uid.</summary>
    public static async Task<UserList> UsersAsync(IHostRunner runner, string? filter, int limit, CancellationToken cancellationToken)
    {
        var (users, groups) = await ReadAsync(runner, cancellationToken);
        var groupNames = groups.GroupBy(g => g.Gid).ToDictionary(g => g.Key, g => g.First().Name);
        var rows = users
            .Where(u => Matches(u.Name, filter))
            .OrderBy(u => u.Uid).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u =>
            {
                var memberOf = groups.Where(g => g.Members.Contains(u.Name)).Select(g => g.Name);
                var names = (groupNames.TryGetValue(u.Gid, out var primary) ? [primary] : Array.Empty<string>()).Concat(memberOf).Distinct().ToList();
                return new UserAccount(
                    u.Name,
                    u.Uid,
                    u.Gid,
                    u.Gecos,
                    u.Home,
                    u.Shell,
                    CanLogin(u.Shell),
                    u.Uid == 0 || names.Any(SudoGroups.Contains),
                    u.Uid is > 0 and < 1000 or 65534,
                    names);
            });
        var (items, total, truncated) = Limits.Take(rows, limit);
        return new UserList(runner.HostName, total, items, truncated);
    }

    /// <summary>Groups whose name contains <paramref name="filter"/> (case-insensitive; null: all), by gid.</summary>
    public static async Task<GroupList> GroupsAsync(IHostRunner runner, string? filter, int limit, CancellationToken cancellationToken)
    {
        var (users, groups) = await ReadAsync(runner, cancellationToken);
        var rows = groups
            .Where(g => Matches(g.Name, filter))
            .OrderBy(g => g.Gid).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => new GroupInfo(
                g.Name,
                g.Gid,
                users.Where(u => u.Gid == g.Gid).Select(u => u.Name).Concat(g.Members).Distinct().ToList(),
                SudoGroups.Contains(g.Name)));
        var (items, total, truncated) = Limits.Take(rows, limit);
        return new GroupList(runner.HostName, total, items, truncated);
    }

    internal static bool CanLogin(string shell) =>
        shell.Length > 0 && !NoLoginShells.Contains(shell[(shell.LastIndexOf('/') + 1)..]);

    private static bool Matches(string name, string? filter) =>
        string.IsNullOrEmpty(filter) || name.Contains(filter, StringComparison.OrdinalIgnoreCase);

    private static async Task<(IReadOnlyList<PasswdEntry> Users, IReadOnlyList<GroupEntry> Groups)> ReadAsync(IHostRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken);
        return (facts.Parse("passwd", "the passwd database", PasswdEntry.Parse), facts.Parse("group", "the group database", GroupEntry.Parse));
    }
}
