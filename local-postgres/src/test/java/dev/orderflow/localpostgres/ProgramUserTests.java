package dev.orderflow.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class ProgramUserTests {

    @Test
    void asRootRunsTheProgramsAsTheGivenUserWithoutRootsGroupsAndTiedToTheirParent() {
        assertThat(ProgramUser.commandPrefix(true, true, 65534, 65533))
                .containsExactly("setpriv", "--reuid=65534", "--regid=65533", "--clear-groups", "--pdeathsig=INT");
    }

    @Test
    void asAnotherUserOnlyTiesThemToTheirParent() {
        assertThat(ProgramUser.commandPrefix(false, true, -1, -1)).containsExactly("setpriv", "--pdeathsig=INT");
        assertThat(ProgramUser.commandPrefix(false, false, -1, -1)).isEmpty();
    }

    @Test
    void refusesRootWithoutAWayToDropIt() {
        assertThatIllegalStateException().isThrownBy(() -> ProgramUser.commandPrefix(true, false, 65534, 65534))
                .withMessageContaining("refuses to run as root").withMessageContaining("setpriv");
    }
}
