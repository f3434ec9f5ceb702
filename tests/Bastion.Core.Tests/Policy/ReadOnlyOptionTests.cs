using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

/// <summary>
/// Every option of an allowed read-only program that reads another file, writes, runs a pager or another program,
/// never ends or changes the system is refused in read-only mode, however it is spelled or wrapped. The table is
/// docs/security.md's "Read-only commands: what each allowed program may do", as tests.
/// </summary>
public class ReadOnlyOptionTests
{
    /// <summary>Program, a safe form that runs read-only, and its dangerous forms.</summary>
    public static readonly (string Safe, string[] Dangerous)[] Table =
    [
        ("journalctl -u nginx -n 50 --no-pager", ["journalctl -D /var/log/journal", "journalctl -D/tmp/j", "journalctl --directory=/tmp/j", "journalctl --directory /tmp/j", "journalctl --dir=/tmp/j", "journalctl --file=/etc/shadow", "journalctl --file /tmp/x.journal", "journalctl --root=/", "journalctl --image=/tmp/x.img", "journalctl -e", "journalctl -eu nginx", "journalctl --pager-end", "journalctl -f", "journalctl --follow", "journalctl --vacuum-size=1", "journalctl --rotate", "journalctl --flush", "journalctl --sync", "journalctl --cursor-file=/tmp/c", "journalctl --setup-keys", "journalctl --update-catalog", "journalctl --relinquish-var"]),
        ("dmesg -T --level=err,warn", ["dmesg -c", "dmesg -C", "dmesg --clear", "dmesg -D", "dmesg -E", "dmesg -n 1", "dmesg -w", "dmesg -W", "dmesg --follow", "dmesg -F /etc/shadow", "dmesg --file=/etc/shadow", "dmesg -H", "dmesg --human", "dmesg -s 100", "dmesg --console-off", "dmesg -Tw"]),
        ("systemctl status nginx", ["systemctl stop nginx", "systemctl restart nginx", "systemctl start x", "systemctl enable x", "systemctl disable x", "systemctl mask x", "systemctl edit x", "systemctl kill x", "systemctl daemon-reload", "systemctl set-property x CPUQuota=1%", "systemctl --root=/ status", "systemctl -H host status", "systemctl --host=h status", "systemctl -M m status", "systemctl --machine=m status", "systemctl isolate rescue.target", "systemctl reboot", "systemctl poweroff", "systemctl set-environment A=B", "systemctl link /tmp/x.service", "systemctl --image=/x status"]),
        ("ps -eo pid,user,args", ["ps e", "ps auxe", "ps -auxe", "ps -exx", "ps -aex", "ps axe", "ps eww", "ps -xe", "ps aeux", "ps -Ue"]),
        ("ss -tlnp", ["ss -K", "ss --kill", "ss -tK", "ss -D /tmp/x", "ss --diag=/tmp/x", "ss -F /tmp/x", "ss --filter=/tmp/x", "ss -E", "ss --events"]),
        ("netstat -tlnp", ["netstat -c", "netstat --continuous", "netstat -tc"]),
        ("ip -br addr", ["ip link set eth0 down", "ip addr add 10.0.0.1/24 dev eth0", "ip route add default via 10.0.0.1", "ip netns exec x sh", "ip -batch /tmp/x", "ip -force -batch /tmp/x", "ip monitor", "ip route flush all", "ip netns add x", "ip -b /tmp/x", "ip neigh del 10.0.0.1 dev eth0", "ip vrf exec x sh"]),
        ("findmnt", ["findmnt -p", "findmnt --poll", "findmnt -F /etc/shadow", "findmnt --tab-file=/etc/shadow", "findmnt -w 1", "findmnt --timeout 1"]),
        ("mount", ["mount -a", "mount /dev/sdb1 /mnt", "mount -o remount,rw /"]),
        ("lscpu", ["lscpu -s /tmp/x", "lscpu --sysroot=/tmp/x"]),
        ("lsmod", ["lsmod x"]),
        ("lspci -k", ["lspci -F /etc/shadow", "lspci -i /etc/shadow", "lspci -p /etc/shadow", "lspci -O x=y", "lspci -A intel-conf1", "lspci -H1", "lspci -M", "lspci -xxx", "lspci -x", "lspci -q", "lspci -Q", "lspci -vF/etc/shadow"]),
        ("lsusb -t", ["lsusb -D /dev/bus/usb/001/001", "lsusb -vD /etc/shadow"]),
        ("hostname -f", ["hostname newname", "hostname -F /etc/hostname", "hostname -b x", "hostname --file /etc/x"]),
        ("whoami", ["whoami x"]),
        ("who -b", ["who /etc/shadow", "who /var/log/wtmp", "who am", "who -a /tmp/x"]),
        ("last -n 5", ["last -f /etc/shadow", "last --file=/etc/shadow", "last -af /tmp/x", "last --fi /tmp/x"]),
        ("date -u +%FT%T", ["date -s 2020-01-01", "date --set=2020-01-01", "date -f /etc/shadow", "date --file=/etc/shadow", "date -r /etc/shadow", "date 010100002020"]),
        ("timedatectl status", ["timedatectl set-time 2020-01-01", "timedatectl set-ntp false", "hostnamectl set-hostname x"]),
        ("uptime -p", ["uptime /etc/shadow", "uptime /var/run/utmp"]),
        ("du -sh /var/log", ["du --files0-from=/etc/shadow", "du -X /etc/shadow /var", "du --exclude-from=/etc/shadow /var", "du -sX/etc/shadow /var"]),
        ("free -m", ["free -s 1", "free -c 5", "free --seconds 1"]),
        ("cat /var/log/syslog", ["cat relative.log", "cat", "cat /var/log/../../etc/shadow", "cat /dev/sda", "cat /proc/kmsg", "cat /etc/shadow", "cat /proc/self/root/etc/shadow", "cat /proc/1/cwd/.env"]),
        ("tail -n 100 /var/log/syslog", ["tail -f /var/log/syslog", "tail -F /var/log/syslog", "tail --follow /var/log/syslog", "tail --retry /var/log/syslog", "tail --pid=1 /var/log/syslog", "tail -s 1 /var/log/syslog"]),
        ("grep -i error /var/log/syslog", ["grep -r x /etc", "grep -R x /etc", "grep --recursive x /etc", "grep -f /etc/shadow /var/log/syslog", "grep --file=/etc/shadow /var/log/syslog", "grep -f/etc/shadow /var/log/syslog", "grep --exclude-from=/etc/shadow x /var/log/syslog", "grep -d recurse x /etc", "grep --directories=recurse x /etc", "grep x", "grep x /etc/shadow"]),
        ("file /bin/ls", ["file -m /etc/shadow /bin/ls", "file --magic-file=/etc/shadow /bin/ls", "file -f /etc/shadow", "file --files-from=/etc/shadow", "file -C -m /tmp/x", "file -s /dev/sda"]),
        ("sha256sum /usr/bin/ssh", ["sha256sum -c /tmp/sums", "sha256sum --check /tmp/sums"]),
        ("wc -l /var/log/syslog", ["wc --files0-from=/etc/shadow"]),
        ("top -b -n 1", ["top", "top -b", "top -n 1", "top -b -n 1000 -d 10", "top -b -n 1 -w 512"]),
        ("vmstat 1 5", ["vmstat 1", "vmstat 1 1000"]),
        ("iostat -x 1 3", ["iostat 1"]),
        ("mpstat -P ALL 1 2", ["mpstat 1"]),
        ("nginx -t", ["nginx -s stop", "nginx -c /tmp/x -t", "nginx -T", "nginx -t -g 'pid /tmp/x;'"]),
        ("docker ps -a", ["docker run alpine", "docker exec c sh", "docker rm c", "docker -H tcp://x ps", "docker --config /tmp ps", "docker logs c", "docker inspect c"]),
    ];

    public static TheoryData<string> SafeForms()
    {
        var data = new TheoryData<string>();
        foreach (var (safe, _) in Table)
        {
            data.Add(safe);
        }

        return data;
    }

    public static TheoryData<string> DangerousForms()
    {
        var data = new TheoryData<string>();
        foreach (var line in Table.SelectMany(t => t.Dangerous))
        {
            data.Add(line);
        }

        return data;
    }

    private static CommandDecision Line(string line, Mode mode = Mode.ReadOnly, bool maySudo = false, string? cwd = "/srv") =>
        CommandPolicy.BuiltIn.Evaluate(new CommandCheck(line, null, ["web"], mode, maySudo, cwd));

    [Theory]
    [MemberData(nameof(SafeForms))]
    public void SafeForm_OfEachProgram_IsReadOnly(string line)
    {
        var decision = Line(line);
        decision.Verdict.ShouldBe(CommandVerdict.ReadOnly, decision.Reason);
    }

    [Theory]
    [MemberData(nameof(DangerousForms))]
    public void DangerousOption_IsNotReadOnly_InAnyMode(string line)
    {
        var readOnly = Line(line);
        readOnly.Verdict.ShouldBe(CommandVerdict.Refused, readOnly.Reason);
        readOnly.Reason.ShouldNotContain("shell syntax");
        Line(line, Mode.Admin).Verdict.ShouldNotBe(CommandVerdict.ReadOnly);
    }

    [Theory]
    [InlineData("ps -ef")]
    [InlineData("ps -eF")]
    [InlineData("ps -e -o pid,args")]
    [InlineData("ps -eopid,args")]
    [InlineData("ps aux")]
    [InlineData("ps -aux")]
    [InlineData("who")]
    [InlineData("who am i")]
    [InlineData("last -n 5 reboot")]
    [InlineData("dmesg -T")]
    [InlineData("journalctl -b -1 -p err --no-pager")]
    [InlineData("lspci -nnk")]
    [InlineData("uptime")]
    [InlineData("uptime -s")]
    public void CommonForms_StayReadOnly(string line)
    {
        var decision = Line(line);
        decision.Verdict.ShouldBe(CommandVerdict.ReadOnly, decision.Reason);
    }

    [Fact]
    public void Generated_WrappedAndPermutedForms_OfEveryDangerousOption_AreNotReadOnly()
    {
        // Each dangerous form, wrapped (env, timeout, nice, nohup, command, busybox, sudo), with the program as a
        // system path, and with a harmless operand-less option put in front: none may pass as read-only.
        string[] wrappers = ["", "env LC_ALL=C ", "timeout 5 ", "nice -n 5 ", "nohup ", "command ", "busybox ", "sudo -n ", "sudo -n env -i TZ=UTC timeout -s KILL 5 "];
        string[] programPrefixes = ["", "/usr/bin/", "/bin//"];
        var count = 0;
        foreach (var line in Table.SelectMany(t => t.Dangerous))
        {
            foreach (var wrapper in wrappers)
            {
                foreach (var prefix in programPrefixes)
                {
                    var spelled = wrapper + prefix + line;
                    var decision = Line(spelled, maySudo: true);
                    decision.Verdict.ShouldNotBe(CommandVerdict.ReadOnly, spelled);
                    decision = Line(spelled, Mode.Admin, maySudo: true);
                    decision.Verdict.ShouldNotBe(CommandVerdict.ReadOnly, spelled);
                    count++;
                }
            }
        }

        count.ShouldBeGreaterThan(2000);
    }

    [Fact]
    public void Generated_SafeForms_StayReadOnly_WhenWrapped()
    {
        foreach (var (safe, _) in Table)
        {
            foreach (var wrapper in (string[])["env LC_ALL=C ", "timeout 5 ", "sudo -n "])
            {
                var decision = Line(wrapper + safe, maySudo: true);
                decision.Verdict.ShouldBe(CommandVerdict.ReadOnly, $"{wrapper}{safe}: {decision.Reason}");
            }
        }
    }

    [Theory]
    [InlineData("LC_ALL", "C", true)]
    [InlineData("LC_TIME", "en_GB.UTF-8", true)]
    [InlineData("LANG", "C.UTF-8", true)]
    [InlineData("TZ", "UTC", true)]
    [InlineData("TZ", "/etc/x", false)]
    [InlineData("LC_", "C", false)]
    [InlineData("LC_x", "C", false)]
    [InlineData("LC_ALL_", "C", false)]
    [InlineData("LC_1", "C", false)]
    [InlineData("PAGER", "cat", false)]
    [InlineData("SYSTEMD_PAGER", "sh", false)]
    [InlineData("LD_PRELOAD", "x.so", false)]
    public void HarmlessVariable_IsOneRule_ForEnvAndWrappers(string name, string value, bool harmless)
    {
        CommandPolicy.IsHarmlessVariable(name, value).ShouldBe(harmless);
        var decision = Line($"env {name}={value} uptime");
        (decision.Verdict == CommandVerdict.ReadOnly).ShouldBe(harmless, decision.Reason);
    }
}
