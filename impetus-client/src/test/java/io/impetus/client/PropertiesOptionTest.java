package io.impetus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class PropertiesOptionTest {

  @Test
  void pairsBecomeAMapInTheOrderGiven() {
    assertThat(PropertiesOption.parse("mss:1000,maxattempts:2,owner:me"))
        .containsExactly(entry("mss", "1000"), entry("maxattempts", "2"), entry("owner", "me"));
  }

  @Test
  void spacesAroundNamesAndValuesAreDroppedAndOnlyTheFirstColonSeparates() {
    assertThat(PropertiesOption.parse(" mss : 5 , jvmoptions: -Xlog:gc -Dx=a:b"))
        .containsOnlyKeys("mss", "jvmoptions")
        .containsEntry("mss", "5")
        .containsEntry("jvmoptions", "-Xlog:gc -Dx=a:b");
  }

  @Test
  void theResultCannotBeChanged() {
    assertThatThrownBy(() -> PropertiesOption.parse("mss:5").put("timeout", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aPairWithoutAColonIsNotNameValue() {
    assertThatThrownBy(() -> PropertiesOption.parse("mss"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'mss' is not name:value;"
            + " expected name:value[,name:value...], such as mss:1000");
    assertThatThrownBy(() -> PropertiesOption.parse("mss:5,timeout"))
        .hasMessageStartingWith("'timeout' is not name:value;");
  }

  @Test
  void aPairNeedsANameAndAValue() {
    assertThatThrownBy(() -> PropertiesOption.parse(":5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("':5' has no name before ':'");
    assertThatThrownBy(() -> PropertiesOption.parse("mss: "))
        .hasMessage("'mss:' has no value after ':'");
  }

  @Test
  void emptyTextAndEmptyPairsAreRefused() {
    assertThatThrownBy(() -> PropertiesOption.parse(" "))
        .hasMessageStartingWith("no properties given;");
    assertThatThrownBy(() -> PropertiesOption.parse("mss:5,,timeout:3"))
        .hasMessageStartingWith("an empty property in 'mss:5,,timeout:3';");
    assertThatThrownBy(() -> PropertiesOption.parse("mss:5,"))
        .hasMessageStartingWith("an empty property in 'mss:5,';");
  }

  @Test
  void aPropertyGivenTwiceIsRefused() {
    assertThatThrownBy(() -> PropertiesOption.parse("mss:5,timeout:3,mss:6"))
        .hasMessage("property mss is given twice");
  }

  @Test
  void aBadValueOfAPropertyImpetusReadsIsTheConstructorsError() {
    assertThatThrownBy(() -> PropertiesOption.parse("mss:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream property mss must be a positive integer, not 'abc'");
    assertThatThrownBy(() -> PropertiesOption.parse("timeout:-1"))
        .hasMessage("stream property timeout must be a positive number of seconds, not '-1'");
  }

  @Test
  void theUsersOwnPropertiesPassThroughUnchecked() {
    assertThat(PropertiesOption.parse("owner:me,colour:blue:ish"))
        .containsEntry("owner", "me").containsEntry("colour", "blue:ish");
  }
}
