@ selfmod.S: the code selfmod.c copies into RAM and patches. Plain labels (not Thumb function symbols), so
@ that C sees the template's byte address.
    .syntax unified
    .thumb
    .section .rodata.patch_template, "a"
    .balign 4
    .global patch_template, patch_template_end
patch_template:
    movw r0, #0x100         @ T3: the second halfword's low byte (template offset 2) is imm8
    adds r0, r0, #0         @ template offset 4: patched into other 16-bit instructions
    bx lr
patch_template_end:
