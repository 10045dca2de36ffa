package paperboy.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.common.EmailAddress;
import paperboy.community.Member;
import paperboy.community.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy admin grant EMAIL ROLE}: changes a member's role. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = "Administers members.",
        subcommands = AdminCommand.Grant.class)
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
}
