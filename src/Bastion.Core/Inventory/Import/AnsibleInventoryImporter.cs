namespace Bastion.Core.Inventory.Import;

/// <summary>
/// Turns an Ansible inventory in INI format into SSH hosts, with their groups (direct and through
/// <c>[group:children]</c>) and, as labels, their variables that do not start with <c>ansible_</c>.
/// </summary>
/// <remarks>
/// Variables merge as in Ansible: <c>[all:vars]</c> first, then the host's groups by depth (a child group after its
/// parents; groups at the same depth in name order), each overriding the ones before, then the host's own line.
/// <c>ansible_host</c> (default: the name), <c>ansible_port</c> (or <c>name:port</c>), <c>ansible_user</c> and
/// <c>ansible_ssh_private_key_file</c> fill the host's fields; other <c>ansible_</c> variables are ignored.
/// </remarks>
public static class AnsibleInventoryImporter
{
    /// <summary>Parses the text of an Ansible INI inventory.</summary>
    /// <param name="text">
    /// The inventory: sections <c>[group]</c>, <c>[group:vars]</c> and <c>[group:children]</c> (hosts before any section
    /// are ungrouped); host lines <c>name key=value key2="quoted value"</c>, where the name may carry ranges
    /// (<c>web[01:03]</c>, <c>db-[a:c]</c>, <c>[1:9:2]</c>) and a port (<c>web1:2222</c>); lines starting with
    /// <c>#</c> or <c>;</c> and text after a <c>#</c> that starts a word are comments. Empty text gives an empty result.
    /// </param>
    /// <returns>
    /// The hosts, in the order first listed, a host listed several times merged; and a sentence for each host left out
    /// (an invalid or reserved name, a bad port, a connection other than SSH) and each group name left off its hosts.
    /// </returns>
    /// <exception cref="FormatException">
    /// A malformed line: a section header, a host range, a variable that is not key=value, an unclosed quote, or groups
    /// that would contain each other; the message gives the line number.
    /// </exception>
    public static ImportResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AnsibleInventoryReader().Read(text);
    }
}
