# Without .DELETE_ON_ERROR a partly written target stays after a failure.
t: ; echo partial > $@; false
