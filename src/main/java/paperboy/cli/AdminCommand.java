package paperboy.cli;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.common.EmailAddress;
import paperboy.community.Member;
import paperboy.community.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy admin grant|suspend|unsuspend|delete EMAIL}: what an admin does on the site, from
 * the machine, also when no admin can (the last admin suspended, a member who wants their account
 * erased but cannot sign in).
 */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = "Administers members.",
        subcommands = {
            AdminCommand.Grant.class,
            AdminCommand.Suspend.class,
            AdminCommand.Unsuspend.class,
            AdminCommand.Delete.class
        })
public final class AdminCommand {
    @ParentCommand Paperboy root;

    // picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
    // options and parameters) reflectively before call(): a third-party boundary NullAway cannot
    // see.
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "grant",
            mixinStandardHelpOptions = true,
            description = {
                "Gives EMAIL the role member, curator or admin. A member who never signed in is"
                        + " created;",
                "they get the role when they sign in with that address. The first admin can also"
                        + " come from",
                "the admin.email setting."
            })
    static final class Grant implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @ParentCommand private AdminCommand admin;

        @Parameters(index = "0", paramLabel = "EMAIL", description = "the member's email address")
        private String email;

        @Parameters(index = "1", paramLabel = "ROLE", description = "member, curator or admin")
        private String role;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("paperboy: " + e.getMessage());
                return 2;
            }
            if (!EmailAddress.isValid(email)) {
                spec.commandLine()
                        .getErr()
                        .println("paperboy: '" + email + "' is not an email address");
                return 2;
            }
            try (Instance instance = Instance.of(admin.root.settings(Map.of()))) {
                Member member = instance.accounts().grant(email, parsed, "paperboy admin grant");
                spec.commandLine()
                        .getOut()
                        .println(
                                member.email()
                                        + " ("
                                        + member.name()
                                        + ") is now "
                                        + member.role().key());
            }
            return 0;
        }
    }

    /** The member with {@code email}, or a message and exit code 2. */
    private static @Nullable Member known(Instance instance, CommandSpec spec, String email) {
        Optional<Member> member =
                EmailAddress.isValid(email)
                        ? instance.accounts().findByEmail(email)
                        : Optional.empty();
        if (member.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("paperboy: no member has the address '" + email + "'");
        }
        return member.orElse(null);
    }

    // picocli sets the injected fields reflectively before call() (see above).
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "suspend",
            mixinStandardHelpOptions = true,
            description = {
                "Suspends the member with EMAIL: signed out everywhere, and no sign-in (so no",
                "posting) until unsuspend. In the audit log."
            })
    static final class Suspend implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @ParentCommand private AdminCommand admin;

        @Parameters(paramLabel = "EMAIL", description = "the member's email address")
        private String email;

        @Override
        public Integer call() {
            return standing(admin, spec, email, true);
        }
    }

    // picocli sets the injected fields reflectively before call() (see above).
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "unsuspend",
            mixinStandardHelpOptions = true,
            description = "Lifts the suspension of the member with EMAIL. In the audit log.")
    static final class Unsuspend implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @ParentCommand private AdminCommand admin;

        @Parameters(paramLabel = "EMAIL", description = "the member's email address")
        private String email;

        @Override
        public Integer call() {
            return standing(admin, spec, email, false);
        }
    }

    private static int standing(
            AdminCommand admin, CommandSpec spec, String email, boolean suspended) {
        try (Instance instance = Instance.of(admin.root.settings(Map.of()))) {
            Member member = known(instance, spec, email);
            if (member == null) {
                return 2;
            }
            boolean changed =
                    instance.accounts()
                            .suspend(member.id(), suspended, member.id(), "by paperboy admin");
            spec.commandLine()
                    .getOut()
                    .println(
                            member.email()
                                    + (changed
                                            ? suspended ? " is suspended" : " may sign in again"
                                            : suspended
                                                    ? " was suspended already"
                                                    : " was not suspended"));
        }
        return 0;
    }

    // picocli sets the injected fields reflectively before call() (see above).
    @SuppressWarnings("NullAway.Init")
    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Deletes the account of the member with EMAIL, as /me/delete does: address,",
                "sessions, sign-in links, subscription and audit mentions erased; comments erased",
                "or kept without the name (--comments). For a member who asks and cannot sign in."
            })
    static final class Delete implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @ParentCommand private AdminCommand admin;

        @Parameters(paramLabel = "EMAIL", description = "the member's email address")
        private String email;

        @Option(
                names = "--comments",
                required = true,
                paramLabel = "erase|keep",
                description = "erase the member's comments, or keep them as by a deleted member")
        private String comments;

        @Override
        public Integer call() {
            if (!comments.equals("erase") && !comments.equals("keep")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--comments must be erase or keep, not '" + comments + "'");
            }
            try (Instance instance = Instance.of(admin.root.settings(Map.of()))) {
                Member member = known(instance, spec, email);
                if (member == null) {
                    return 2;
                }
                instance.accounts().delete(member.id(), comments.equals("erase"));
                spec.commandLine()
                        .getOut()
                        .println(
                                "deleted the account of "
                                        + email
                                        + " (comments "
                                        + (comments.equals("erase") ? "erased" : "kept")
                                        + ")");
            }
            return 0;
        }
    }
}
