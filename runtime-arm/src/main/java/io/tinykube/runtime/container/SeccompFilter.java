package io.tinykube.runtime.container;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A classic-BPF seccomp program in the spirit of containerd's RuntimeDefault profile, as a denylist: the
 * syscalls Docker's default profile allows only with a capability are refused with EPERM unless the container
 * has that capability, a few are always refused, {@code clone} with CLONE_NEWUSER is refused, {@code clone3}
 * answers ENOSYS (so libc falls back to clone, whose flags we can see), and any other architecture (i386 or
 * x32 calls on x86_64) is refused.
 *
 * <p>pivot_root and umount2 stay allowed: the filter is installed before the launcher switches into the root
 * filesystem, and without CAP_SYS_ADMIN the kernel refuses both anyway.
 */
public final class SeccompFilter {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int JSET_K = 0x45;
    private static final int RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int CLONE_NEWUSER = 0x10000000;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    /** A syscall refused unless the container holds {@code capability} (null: always refused). */
    private record Denied(String name, String capability, int x86_64, int aarch64, int arm) {
    }

    // Numbers from the kernel's syscall tables (x86_64 syscall_64.tbl, asm-generic unistd.h, arm EABI); -1 = absent.
    private static final List<Denied> DENIED = List.of(
        new Denied("acct", "sys_pacct", 163, 89, 51),
        new Denied("add_key", null, 248, 217, 309),
        new Denied("bpf", "sys_admin", 321, 280, 386),
        new Denied("clock_adjtime", "sys_time", 305, 266, 372),
        new Denied("clock_settime", "sys_time", 227, 112, 262),
        new Denied("create_module", null, 174, -1, -1),
        new Denied("delete_module", "sys_module", 176, 106, 129),
        new Denied("finit_module", "sys_module", 313, 273, 379),
        new Denied("get_kernel_syms", null, 177, -1, -1),
        new Denied("init_module", "sys_module", 175, 105, 128),
        new Denied("ioperm", "sys_rawio", 173, -1, -1),
        new Denied("iopl", "sys_rawio", 172, -1, -1),
        new Denied("kcmp", "sys_ptrace", 312, 272, 378),
        new Denied("kexec_file_load", "sys_boot", 320, 294, 401),
        new Denied("kexec_load", "sys_boot", 246, 104, 347),
        new Denied("keyctl", null, 250, 219, 311),
        new Denied("lookup_dcookie", "sys_admin", 212, 18, 249),
        new Denied("mount", "sys_admin", 165, 40, 21),
        new Denied("name_to_handle_at", "sys_admin", 303, 264, 370),
        new Denied("nfsservctl", null, 180, 42, 169),
        new Denied("open_by_handle_at", "dac_read_search", 304, 265, 371),
        new Denied("perf_event_open", "sys_admin", 298, 241, 364),
        new Denied("process_vm_readv", "sys_ptrace", 310, 270, 376),
        new Denied("process_vm_writev", "sys_ptrace", 311, 271, 377),
        new Denied("ptrace", "sys_ptrace", 101, 117, 26),
        new Denied("query_module", null, 178, -1, -1),
        new Denied("quotactl", "sys_admin", 179, 60, 131),
        new Denied("reboot", "sys_boot", 169, 142, 88),
        new Denied("request_key", null, 249, 218, 310),
        new Denied("setns", "sys_admin", 308, 268, 375),
        new Denied("settimeofday", "sys_time", 164, 170, 79),
        new Denied("swapoff", "sys_admin", 168, 225, 115),
        new Denied("swapon", "sys_admin", 167, 224, 87),
        new Denied("sysfs", null, 139, -1, 135),
        new Denied("_sysctl", null, 156, -1, 149),
        new Denied("unshare", "sys_admin", 272, 97, 337),
        new Denied("uselib", null, 134, -1, 86),
        new Denied("userfaultfd", null, 323, 282, 388),
        new Denied("ustat", null, 136, -1, 62),
        new Denied("vhangup", "sys_tty_config", 153, 58, 111),
        new Denied("open_tree", "sys_admin", 428, 428, 428),
        new Denied("move_mount", "sys_admin", 429, 429, 429),
        new Denied("fsopen", "sys_admin", 430, 430, 430),
        new Denied("fsconfig", "sys_admin", 431, 431, 431),
        new Denied("fsmount", "sys_admin", 432, 432, 432),
        new Denied("fspick", "sys_admin", 433, 433, 433));

    /** The machine's architecture as the filter and the loader need it. */
    public enum Arch {
        X86_64(0xC000003E, 56, 157),
        AARCH64(0xC00000B7, 220, 167),
        ARM(0x40000028, 120, 172);

        final int auditArch;
        final int cloneNr;
        /** prctl's number, for the loader that installs the filter. */
        final int prctlNr;

        Arch(int auditArch, int cloneNr, int prctlNr) {
            this.auditArch = auditArch;
            this.cloneNr = cloneNr;
            this.prctlNr = prctlNr;
        }

        public static Arch host() {
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            return switch (arch) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> AARCH64;
                case "arm", "armv7l", "armv6l" -> ARM;
                default -> throw new ContainerException("no seccomp syscall table for architecture " + arch);
            };
        }

        int number(Denied denied) {
            return switch (this) {
                case X86_64 -> denied.x86_64();
                case AARCH64 -> denied.aarch64();
                case ARM -> denied.arm();
            };
        }
    }

    private static final int CLONE3_NR = 435;
    static final String PERL = "/usr/bin/perl";

    private SeccompFilter() {
    }

    /** The program, as {@code struct sock_filter[]} in the machine's byte order. */
    public static byte[] runtimeDefault(Arch arch, Set<String> capabilities) {
        List<int[]> program = new ArrayList<>();
        program.add(insn(LD_W_ABS, 0, 0, 4));
        program.add(insn(JEQ_K, 1, 0, arch.auditArch));
        program.add(insn(RET_K, 0, 0, RET_ERRNO | EPERM));
        program.add(insn(LD_W_ABS, 0, 0, 0));
        if (arch == Arch.X86_64) {
            program.add(insn(JGE_K, 0, 1, X32_SYSCALL_BIT));
            program.add(insn(RET_K, 0, 0, RET_ERRNO | EPERM));
        }
        for (Denied denied : DENIED) {
            int number = arch.number(denied);
            if (number >= 0 && (denied.capability() == null || !capabilities.contains(denied.capability()))) {
                program.add(insn(JEQ_K, 0, 1, number));
                program.add(insn(RET_K, 0, 0, RET_ERRNO | EPERM));
            }
        }
        program.add(insn(JEQ_K, 0, 1, CLONE3_NR));
        program.add(insn(RET_K, 0, 0, RET_ERRNO | ENOSYS));
        if (!capabilities.contains("sys_admin")) {
            program.add(insn(JEQ_K, 0, 3, arch.cloneNr));
            program.add(insn(LD_W_ABS, 0, 0, 16)); // low half of args[0], the flags (little-endian)
            program.add(insn(JSET_K, 0, 1, CLONE_NEWUSER));
            program.add(insn(RET_K, 0, 0, RET_ERRNO | EPERM));
        }
        program.add(insn(RET_K, 0, 0, RET_ALLOW));
        ByteBuffer buffer = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.nativeOrder());
        for (int[] insn : program) {
            buffer.putShort((short) insn[0]).put((byte) insn[1]).put((byte) insn[2]).putInt(insn[3]);
        }
        return buffer.array();
    }

    /**
     * A perl one-liner (perl-base is in every Debian-like system) that installs the filter read from the file
     * named by its first argument and execs the rest: no tool of util-linux or busybox installs a seccomp filter
     * without forcing no_new_privs, and the launcher holds CAP_SYS_ADMIN, so none is needed.
     */
    static List<String> loader(Arch arch) {
        String script = "open(my $f,'<',shift) or die \"seccomp filter: $!\\n\"; binmode $f; local $/; my $p=<$f>;"
            + " my $prog=pack('S x![P] P', length($p)/8, $p);"
            + " syscall(" + arch.prctlNr + ", 22, 2, $prog) == 0 or die \"cannot install the seccomp filter: $!\\n\";"
            + " exec {$ARGV[0]} @ARGV or die \"exec $ARGV[0]: $!\\n\"";
        return List.of(PERL, "-e", script);
    }

    private static int[] insn(int code, int jt, int jf, int k) {
        return new int[] {code, jt, jf, k};
    }
}
