# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'encounter_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QGridLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_EncounterForm(object):
    def setupUi(self, EncounterForm):
        if not EncounterForm.objectName():
            EncounterForm.setObjectName(u"EncounterForm")
        EncounterForm.resize(1060, 720)
        self.mainLayout = QVBoxLayout(EncounterForm)
        self.mainLayout.setSpacing(8)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 14, 20, 12)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setSpacing(12)
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(EncounterForm)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.headerLayout.addWidget(self.titleLabel)

        self.statusLabel = QLabel(EncounterForm)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setProperty(u"role", u"status")

        self.headerLayout.addWidget(self.statusLabel)

        self.headerSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.backButton = QPushButton(EncounterForm)
        self.backButton.setObjectName(u"backButton")

        self.headerLayout.addWidget(self.backButton)


        self.mainLayout.addLayout(self.headerLayout)

        self.patientLabel = QLabel(EncounterForm)
        self.patientLabel.setObjectName(u"patientLabel")
        self.patientLabel.setText(u"")
        self.patientLabel.setWordWrap(True)
        self.patientLabel.setProperty(u"role", u"welcome")

        self.mainLayout.addWidget(self.patientLabel)

        self.scroll = QScrollArea(EncounterForm)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scrollBody = QWidget()
        self.scrollBody.setObjectName(u"scrollBody")
        self.scrollLayout = QVBoxLayout(self.scrollBody)
        self.scrollLayout.setSpacing(8)
        self.scrollLayout.setObjectName(u"scrollLayout")
        self.scrollLayout.setContentsMargins(0, 0, 8, 0)
        self.visitGroup = QGroupBox(self.scrollBody)
        self.visitGroup.setObjectName(u"visitGroup")
        self.visitGrid = QGridLayout(self.visitGroup)
        self.visitGrid.setObjectName(u"visitGrid")
        self.visitGrid.setHorizontalSpacing(10)
        self.visitGrid.setVerticalSpacing(6)
        self.dosLabel = QLabel(self.visitGroup)
        self.dosLabel.setObjectName(u"dosLabel")

        self.visitGrid.addWidget(self.dosLabel, 0, 0, 1, 1)

        self.dosEdit = QLineEdit(self.visitGroup)
        self.dosEdit.setObjectName(u"dosEdit")

        self.visitGrid.addWidget(self.dosEdit, 0, 1, 1, 1)

        self.posLabel = QLabel(self.visitGroup)
        self.posLabel.setObjectName(u"posLabel")

        self.visitGrid.addWidget(self.posLabel, 0, 2, 1, 1)

        self.posCombo = QComboBox(self.visitGroup)
        self.posCombo.setObjectName(u"posCombo")

        self.visitGrid.addWidget(self.posCombo, 0, 3, 1, 1)

        self.priorAuthLabel = QLabel(self.visitGroup)
        self.priorAuthLabel.setObjectName(u"priorAuthLabel")

        self.visitGrid.addWidget(self.priorAuthLabel, 0, 4, 1, 1)

        self.priorAuthEdit = QLineEdit(self.visitGroup)
        self.priorAuthEdit.setObjectName(u"priorAuthEdit")
        self.priorAuthEdit.setMaxLength(28)

        self.visitGrid.addWidget(self.priorAuthEdit, 0, 5, 1, 1)

        self.renderingLabel = QLabel(self.visitGroup)
        self.renderingLabel.setObjectName(u"renderingLabel")

        self.visitGrid.addWidget(self.renderingLabel, 1, 0, 1, 1)

        self.renderingCombo = QComboBox(self.visitGroup)
        self.renderingCombo.setObjectName(u"renderingCombo")

        self.visitGrid.addWidget(self.renderingCombo, 1, 1, 1, 1)

        self.billingLabel = QLabel(self.visitGroup)
        self.billingLabel.setObjectName(u"billingLabel")

        self.visitGrid.addWidget(self.billingLabel, 1, 2, 1, 1)

        self.billingCombo = QComboBox(self.visitGroup)
        self.billingCombo.setObjectName(u"billingCombo")

        self.visitGrid.addWidget(self.billingCombo, 1, 3, 1, 1)

        self.facilityLabel = QLabel(self.visitGroup)
        self.facilityLabel.setObjectName(u"facilityLabel")

        self.visitGrid.addWidget(self.facilityLabel, 1, 4, 1, 1)

        self.facilityCombo = QComboBox(self.visitGroup)
        self.facilityCombo.setObjectName(u"facilityCombo")

        self.visitGrid.addWidget(self.facilityCombo, 1, 5, 1, 1)

        self.referringLabel = QLabel(self.visitGroup)
        self.referringLabel.setObjectName(u"referringLabel")

        self.visitGrid.addWidget(self.referringLabel, 2, 0, 1, 1)

        self.referringCombo = QComboBox(self.visitGroup)
        self.referringCombo.setObjectName(u"referringCombo")

        self.visitGrid.addWidget(self.referringCombo, 2, 1, 1, 1)

        self.onsetBoxLabel = QLabel(self.visitGroup)
        self.onsetBoxLabel.setObjectName(u"onsetBoxLabel")

        self.visitGrid.addWidget(self.onsetBoxLabel, 2, 2, 1, 1)

        self.onsetBox = QWidget(self.visitGroup)
        self.onsetBox.setObjectName(u"onsetBox")
        self.onsetLayout = QHBoxLayout(self.onsetBox)
        self.onsetLayout.setSpacing(6)
        self.onsetLayout.setObjectName(u"onsetLayout")
        self.onsetLayout.setContentsMargins(0, 0, 0, 0)
        self.onsetQualCombo = QComboBox(self.onsetBox)
        self.onsetQualCombo.setObjectName(u"onsetQualCombo")

        self.onsetLayout.addWidget(self.onsetQualCombo)

        self.onsetEdit = QLineEdit(self.onsetBox)
        self.onsetEdit.setObjectName(u"onsetEdit")

        self.onsetLayout.addWidget(self.onsetEdit)

        self.onsetLayout.setStretch(0, 3)
        self.onsetLayout.setStretch(1, 2)

        self.visitGrid.addWidget(self.onsetBox, 2, 3, 1, 1)

        self.otherBoxLabel = QLabel(self.visitGroup)
        self.otherBoxLabel.setObjectName(u"otherBoxLabel")

        self.visitGrid.addWidget(self.otherBoxLabel, 2, 4, 1, 1)

        self.otherBox = QWidget(self.visitGroup)
        self.otherBox.setObjectName(u"otherBox")
        self.otherLayout = QHBoxLayout(self.otherBox)
        self.otherLayout.setSpacing(6)
        self.otherLayout.setObjectName(u"otherLayout")
        self.otherLayout.setContentsMargins(0, 0, 0, 0)
        self.otherQualCombo = QComboBox(self.otherBox)
        self.otherQualCombo.setObjectName(u"otherQualCombo")

        self.otherLayout.addWidget(self.otherQualCombo)

        self.otherEdit = QLineEdit(self.otherBox)
        self.otherEdit.setObjectName(u"otherEdit")

        self.otherLayout.addWidget(self.otherEdit)

        self.otherLayout.setStretch(0, 3)
        self.otherLayout.setStretch(1, 2)

        self.visitGrid.addWidget(self.otherBox, 2, 5, 1, 1)

        self.visitGrid.setColumnStretch(1, 1)
        self.visitGrid.setColumnStretch(3, 1)
        self.visitGrid.setColumnStretch(5, 1)

        self.scrollLayout.addWidget(self.visitGroup)

        self.diagnosesGroup = QGroupBox(self.scrollBody)
        self.diagnosesGroup.setObjectName(u"diagnosesGroup")
        self.diagnosesLayout = QVBoxLayout(self.diagnosesGroup)
        self.diagnosesLayout.setSpacing(8)
        self.diagnosesLayout.setObjectName(u"diagnosesLayout")
        self.diagnosesLayout.setContentsMargins(4, 4, 4, 4)
        self.diagnosesHost = QWidget(self.diagnosesGroup)
        self.diagnosesHost.setObjectName(u"diagnosesHost")
        self.diagnosesGrid = QGridLayout(self.diagnosesHost)
        self.diagnosesGrid.setObjectName(u"diagnosesGrid")
        self.diagnosesGrid.setContentsMargins(0, 0, 0, 0)

        self.diagnosesLayout.addWidget(self.diagnosesHost)


        self.scrollLayout.addWidget(self.diagnosesGroup)

        self.linesGroup = QGroupBox(self.scrollBody)
        self.linesGroup.setObjectName(u"linesGroup")
        self.linesLayout = QVBoxLayout(self.linesGroup)
        self.linesLayout.setSpacing(6)
        self.linesLayout.setObjectName(u"linesLayout")
        self.linesLayout.setContentsMargins(4, 4, 4, 4)
        self.linesHost = QWidget(self.linesGroup)
        self.linesHost.setObjectName(u"linesHost")
        self.linesHostLayout = QVBoxLayout(self.linesHost)
        self.linesHostLayout.setSpacing(4)
        self.linesHostLayout.setObjectName(u"linesHostLayout")
        self.linesHostLayout.setContentsMargins(0, 0, 0, 0)

        self.linesLayout.addWidget(self.linesHost)

        self.linesHintLabel = QLabel(self.linesGroup)
        self.linesHintLabel.setObjectName(u"linesHintLabel")
        self.linesHintLabel.setWordWrap(True)
        self.linesHintLabel.setProperty(u"role", u"hint")

        self.linesLayout.addWidget(self.linesHintLabel)


        self.scrollLayout.addWidget(self.linesGroup)

        self.scrollSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.scrollLayout.addItem(self.scrollSpacer)

        self.scroll.setWidget(self.scrollBody)

        self.mainLayout.addWidget(self.scroll)

        self.errorLabel = QLabel(EncounterForm)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.findingsFrame = QFrame(EncounterForm)
        self.findingsFrame.setObjectName(u"findingsFrame")
        self.findingsLayout = QVBoxLayout(self.findingsFrame)
        self.findingsLayout.setSpacing(4)
        self.findingsLayout.setObjectName(u"findingsLayout")
        self.findingsLayout.setContentsMargins(0, 0, 0, 0)
        self.findingsLabel = QLabel(self.findingsFrame)
        self.findingsLabel.setObjectName(u"findingsLabel")
        self.findingsLabel.setText(u"")
        self.findingsLabel.setWordWrap(True)
        self.findingsLabel.setProperty(u"role", u"section")

        self.findingsLayout.addWidget(self.findingsLabel)

        self.findingsList = QListWidget(self.findingsFrame)
        self.findingsList.setObjectName(u"findingsList")
        self.findingsList.setMaximumSize(QSize(16777215, 110))
        self.findingsList.setWordWrap(True)

        self.findingsLayout.addWidget(self.findingsList)


        self.mainLayout.addWidget(self.findingsFrame)

        self.actions = QWidget(EncounterForm)
        self.actions.setObjectName(u"actions")
        self.actionsLayout = QHBoxLayout(self.actions)
        self.actionsLayout.setSpacing(10)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.actionsLayout.setContentsMargins(0, 0, 0, 0)
        self.addLineButton = QPushButton(self.actions)
        self.addLineButton.setObjectName(u"addLineButton")

        self.actionsLayout.addWidget(self.addLineButton)

        self.removeLineButton = QPushButton(self.actions)
        self.removeLineButton.setObjectName(u"removeLineButton")

        self.actionsLayout.addWidget(self.removeLineButton)

        self.totalLabel = QLabel(self.actions)
        self.totalLabel.setObjectName(u"totalLabel")
        self.totalLabel.setProperty(u"role", u"total")

        self.actionsLayout.addWidget(self.totalLabel)

        self.actionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)

        self.checkButton = QPushButton(self.actions)
        self.checkButton.setObjectName(u"checkButton")

        self.actionsLayout.addWidget(self.checkButton)

        self.saveButton = QPushButton(self.actions)
        self.saveButton.setObjectName(u"saveButton")

        self.actionsLayout.addWidget(self.saveButton)

        self.finalizeButton = QPushButton(self.actions)
        self.finalizeButton.setObjectName(u"finalizeButton")

        self.actionsLayout.addWidget(self.finalizeButton)


        self.mainLayout.addWidget(self.actions)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.dosLabel.setBuddy(self.dosEdit)
        self.posLabel.setBuddy(self.posCombo)
        self.priorAuthLabel.setBuddy(self.priorAuthEdit)
        self.renderingLabel.setBuddy(self.renderingCombo)
        self.billingLabel.setBuddy(self.billingCombo)
        self.facilityLabel.setBuddy(self.facilityCombo)
        self.referringLabel.setBuddy(self.referringCombo)
        self.onsetBoxLabel.setBuddy(self.onsetBox)
        self.otherBoxLabel.setBuddy(self.otherBox)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dosEdit, self.posCombo)
        QWidget.setTabOrder(self.posCombo, self.priorAuthEdit)
        QWidget.setTabOrder(self.priorAuthEdit, self.renderingCombo)
        QWidget.setTabOrder(self.renderingCombo, self.billingCombo)
        QWidget.setTabOrder(self.billingCombo, self.facilityCombo)
        QWidget.setTabOrder(self.facilityCombo, self.referringCombo)
        QWidget.setTabOrder(self.referringCombo, self.onsetQualCombo)
        QWidget.setTabOrder(self.onsetQualCombo, self.onsetEdit)
        QWidget.setTabOrder(self.onsetEdit, self.otherQualCombo)
        QWidget.setTabOrder(self.otherQualCombo, self.otherEdit)
        QWidget.setTabOrder(self.otherEdit, self.findingsList)
        QWidget.setTabOrder(self.findingsList, self.addLineButton)
        QWidget.setTabOrder(self.addLineButton, self.removeLineButton)
        QWidget.setTabOrder(self.removeLineButton, self.checkButton)
        QWidget.setTabOrder(self.checkButton, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.finalizeButton)
        QWidget.setTabOrder(self.finalizeButton, self.backButton)

        self.retranslateUi(EncounterForm)

        self.finalizeButton.setDefault(True)


        QMetaObject.connectSlotsByName(EncounterForm)
    # setupUi

    def retranslateUi(self, EncounterForm):
        self.titleLabel.setText(QCoreApplication.translate("EncounterForm", u"Encounter", None))
        self.statusLabel.setText(QCoreApplication.translate("EncounterForm", u"Draft", None))
        self.backButton.setText(QCoreApplication.translate("EncounterForm", u"Back to the &list", None))
        self.visitGroup.setTitle(QCoreApplication.translate("EncounterForm", u"Visit", None))
        self.dosLabel.setText(QCoreApplication.translate("EncounterForm", u"Date of ser&vice", None))
        self.posLabel.setText(QCoreApplication.translate("EncounterForm", u"&Place of service", None))
        self.priorAuthLabel.setText(QCoreApplication.translate("EncounterForm", u"Prior &authorization", None))
        self.priorAuthEdit.setPlaceholderText(QCoreApplication.translate("EncounterForm", u"item 23", None))
        self.renderingLabel.setText(QCoreApplication.translate("EncounterForm", u"&Rendering provider", None))
        self.billingLabel.setText(QCoreApplication.translate("EncounterForm", u"&Billing provider", None))
        self.facilityLabel.setText(QCoreApplication.translate("EncounterForm", u"Service facilit&y", None))
        self.referringLabel.setText(QCoreApplication.translate("EncounterForm", u"Referring provi&der", None))
        self.onsetBoxLabel.setText(QCoreApplication.translate("EncounterForm", u"Onset (item 14)", None))
        self.otherBoxLabel.setText(QCoreApplication.translate("EncounterForm", u"Other date (15)", None))
        self.diagnosesGroup.setTitle(QCoreApplication.translate("EncounterForm", u"Diagnoses (item 21): ICD-10-CM, A is the primary", None))
        self.linesGroup.setTitle(QCoreApplication.translate("EncounterForm", u"Service lines (item 24)", None))
        self.linesHintLabel.setText(QCoreApplication.translate("EncounterForm", u"Enter goes to the next line (a new one after the last) \u00b7 Delete in an empty field or Ctrl+Del removes the line \u00b7 pointers are the diagnosis letters, e.g. AB", None))
#if QT_CONFIG(accessibility)
        self.findingsList.setAccessibleName(QCoreApplication.translate("EncounterForm", u"Findings", None))
#endif // QT_CONFIG(accessibility)
        self.addLineButton.setText(QCoreApplication.translate("EncounterForm", u"Add li&ne", None))
        self.removeLineButton.setText(QCoreApplication.translate("EncounterForm", u"Remove line\u2026", None))
        self.totalLabel.setText(QCoreApplication.translate("EncounterForm", u"0 lines \u00b7 Total $0.00", None))
        self.checkButton.setText(QCoreApplication.translate("EncounterForm", u"C&heck  (F7)", None))
        self.saveButton.setText(QCoreApplication.translate("EncounterForm", u"&Save draft  (Ctrl+S)", None))
        self.finalizeButton.setText(QCoreApplication.translate("EncounterForm", u"Finali&ze  (Ctrl+Enter)", None))
        pass
    # retranslateUi

